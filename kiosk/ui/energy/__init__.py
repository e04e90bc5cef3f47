"""The energy area's views and widgets: Now, Today, History and How we calculate.

Every figure is drawn from an :class:`kiosk.energy.summary.EnergySummary` (or from store queries
run off the GUI thread) and shows its provenance; a missing value is shown as "—".
"""
