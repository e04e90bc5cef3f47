"""Small Qt-free helpers shared by the core packages."""
