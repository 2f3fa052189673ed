"""orgkg.viz"""
