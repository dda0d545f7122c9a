"""The daily activity log (aktivitas harian): entries, supervisor review, summaries, re-placement signal."""
