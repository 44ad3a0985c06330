"""End-to-end tests: the real app in headless Debian chromium, driven by Playwright."""
