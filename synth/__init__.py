"""orgkg.synth"""
