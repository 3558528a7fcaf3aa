from .attempts import Attempt, AttemptQuestion
from .banks import Question, QuestionBank, QuestionCategory
from .quizzes import Quiz, QuizFixedQuestion, QuizRandomDraw

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "Question",
    "QuestionBank",
    "QuestionCategory",
    "Quiz",
    "QuizFixedQuestion",
    "QuizRandomDraw",
]
