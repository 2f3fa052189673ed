import sys

from orgkg.cli import main

sys.exit(main())
