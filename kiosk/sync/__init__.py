"""Network sync from a static channel (Qt-free).

``index`` the signed, versioned, expiring channel index; ``publisher`` writes a channel
folder (``kiosk channel publish|refresh``); ``fetch`` bounded, resumable HTTP; ``client`` one
sync, installing through :mod:`kiosk.content.library`; ``state`` what a kiosk remembers;
``schedule`` jittered timing; ``status`` what the staff screen shows; ``setup`` building a
client from the config.
"""
