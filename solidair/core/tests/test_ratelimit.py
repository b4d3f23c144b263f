from solidair.core.ratelimit import hit


def test_rate_limit_allows_up_to_the_limit_then_refuses():
    results = [hit("signature", "1.2.3.4", limit=3, period=60) for _ in range(5)]
    assert results == [True, True, True, False, False]
    assert hit("signature", "5.6.7.8", limit=3, period=60)
