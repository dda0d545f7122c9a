"""The kinerja service: performance (SKP), activity, awards and discipline."""
