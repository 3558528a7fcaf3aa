"""The quiz file formats, pure (no Django import): ``gift`` (Moodle's GIFT, read
and written), ``moodle_xml`` (Moodle XML, read and written) and ``yaml`` (the
academy's own bank and quiz files). Every reader turns a file into the neutral
dataclasses of ``lms.quizzes.questions``. Shared pieces: ``detect`` (which
format a file is in, by content), ``collecting`` (what the GIFT and Moodle XML
readers share: problems, unsupported questions, categories, stable ids) and
``skipped`` (what a writer leaves out).
"""
