"""The budget-bound training plan, pure: which employees to enroll in which batch within each OPD's
remaining development budget (HiGHS beside the greedy rule), explained, with who stays below the
20 JP and why, and what-if scenarios. Plain typed functions over frozen dataclasses and numpy arrays
(no HTTP, no database); the inputs carry no protected attribute (issue 14's endpoints will call it)."""
