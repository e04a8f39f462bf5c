"""The domain core: every rule of kiaro, usable without the command line."""
