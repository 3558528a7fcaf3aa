from django.db import models


class SerialCounter(models.Model):
    """The last certificate number used in a year (KA-<year>-<number>).

    One row per year, incremented with a single UPDATE: concurrent issues wait
    for each other's row lock, so no two certificates share a number.
    """

    year = models.PositiveIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"
