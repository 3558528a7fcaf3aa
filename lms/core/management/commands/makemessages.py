"""makemessages without fuzzy matching.

A fuzzy guess from a similar msgid reads like a finished translation but is
usually wrong; new strings stay empty so the completeness test catches them.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
