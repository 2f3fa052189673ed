"""Errors meant for the user: the CLI prints them as one line, without a traceback."""


class UserError(Exception):
    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code
