"""Signals other capabilities listen to (certification re-checks requirements)."""

from django.dispatch import Signal

# Sent once, inside the transaction that records it: kwargs `user`, `course`.
course_completed = Signal()

# Sent once per completion of a lesson, inside its transaction: kwargs `progress`
# (a LessonProgress with `completed_at` set).
lesson_completed = Signal()
