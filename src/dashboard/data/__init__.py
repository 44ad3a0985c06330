"""The CBS data and the project's own facts: reading, checking, downloading, the embedded snapshot
and derived caches."""
