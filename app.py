"""Placeholder until the map issue: shows that the app starts."""

import streamlit as st

st.set_page_config(page_title="山东碳达峰项目地图", layout="wide")
st.title("山东省碳达峰项目地图")
st.write("The map is being built. Run `python -m geo build` to make the catalog.")
