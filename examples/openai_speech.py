"""The official OpenAI Python SDK against supertonic-server: only the base URL changes.

Usage: python openai_speech.py [base-url] [out-dir]   (pip install openai)
Streams speech.<format> to disk for each of the response formats and prints what the server said.
"""
import os
import sys

from openai import OpenAI

base_url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/v1"
out_dir = sys.argv[2] if len(sys.argv) > 2 else "."
formats = os.environ.get("FORMATS", "mp3,opus,aac,flac,wav,pcm").split(",")
client = OpenAI(base_url=base_url, api_key="not-needed")

for fmt in formats:
    path = os.path.join(out_dir, f"speech.{fmt}")
    with client.audio.speech.with_streaming_response.create(
        model="tts-1",
        voice="nova",
        input="Hello from the OpenAI Python SDK. This audio was made locally.",
        response_format=fmt,
    ) as response:
        response.stream_to_file(path)
        rate = response.headers.get("x-sample-rate")
        voice = response.headers.get("x-voice")
    print(f"{path}: {os.path.getsize(path)} bytes, {rate} Hz, voice {voice}")
