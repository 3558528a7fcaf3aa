"""The drill judging engine: pure Python, no Django, deterministic without the LLM.

normalise → negation → matching (phrases, concepts) → rules (the store-wide
linter) and acts (service acts, tone) → similarity → scoring; ``llm`` is the
optional second opinion. Sessions, views and authoring live one level up and
call :func:`scoring.get_scorer`; nothing here touches the database.
"""
