"""Fleet and reports, Qt-free: heartbeat documents, the MQTT link to head office, anonymous
visitor counts by hour, and what ``kiosk fleet`` reads and writes."""
