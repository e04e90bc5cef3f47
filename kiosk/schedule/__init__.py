"""When the kiosk is open and what is in season: Qt-free, driven by a wall clock.

- :mod:`kiosk.schedule.times`: parsing "08:00-21:00", "mon-fri", "MM-DD" / "YYYY-MM-DD" and
  date ranges that may wrap the year end.
- :mod:`kiosk.schedule.hours`: opening hours per weekday with exceptions (holidays, terms,
  vacations), "is it open now and until when".
- :mod:`kiosk.schedule.season`: the ``from``/``until``/weekdays/times of a dated pack item and
  whether it is in season now, or ever.

Everything takes an aware ``datetime`` (the service passes the one clock's time in the site's
time zone), so a clock step or a DST change is just another "now".
"""
