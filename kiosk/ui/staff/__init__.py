"""The staff side of the kiosk: PIN pad, staff screen and its panels, the USB install screen."""
