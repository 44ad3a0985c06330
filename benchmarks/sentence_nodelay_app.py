"""One sentence, on a server with the dashboard's network setting (``dashboard.ui.network``).

Beside ``sentence_app.py`` it shows what that setting alone gains any Streamlit app, so a first
look of the dashboard can be compared with a sentence on equal terms as well.
"""

import streamlit as st

from dashboard.ui.network import server_sends_without_delay

server_sends_without_delay()
st.write("Dit is één zin.")
