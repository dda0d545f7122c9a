"""The kompetensi service: competency dictionary, job standards, assessments, job-person match."""
