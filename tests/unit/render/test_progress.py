import io

from reconciler.render.progress import ReadProgress


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_short_reads_show_nothing():
    stream, clock = io.StringIO(), Clock()
    progress = ReadProgress(stream, clock)
    for done in range(1, 4):
        clock.now += 0.5
        progress(done, 3, f"pool-{done}")
    assert stream.getvalue() == ""


def test_long_reads_print_plain_lines_without_a_terminal():
    stream, clock = io.StringIO(), Clock()
    progress = ReadProgress(stream, clock)
    for done in range(1, 21):
        clock.now += 1.0
        progress(done, 20, f"pool-{done}")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Reading live state: 3/20 pools (pool-3)"
    assert lines[-1] == "Reading live state: 20/20 pools (pool-20)"
    assert "\x1b" not in stream.getvalue()
    assert 3 <= len(lines) <= 6


def test_a_pool_name_cannot_rewrite_the_progress_line():
    stream, clock = io.StringIO(), Clock()
    progress = ReadProgress(stream, clock)
    clock.now = 10.0
    progress(1, 1, "evil\r\x1b[2Kdone")
    assert stream.getvalue() == "Reading live state: 1/1 pools (evil\\r\\x1b[2Kdone)\n"
