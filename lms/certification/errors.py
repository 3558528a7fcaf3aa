class CertificationError(Exception):
    """An action the rules do not allow; the message (translated) says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
