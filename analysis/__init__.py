"""orgkg.analysis"""
