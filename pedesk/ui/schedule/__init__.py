"""The Schedule section: programmes, cohorts, the timetable (Кесте) and its export (п.12-13, 15, 18)."""
