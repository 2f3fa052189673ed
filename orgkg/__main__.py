from orgkg.cli import run

run()
