# cython: language_level=3, boundscheck=False, wraparound=False
"""The phrase reader's tokens in one C loop (built by setup.py when a compiler is there; orgkg/native.py).

`tokens` returns exactly what `phrases._tokens_py`, a split at `phrases._TOKEN`, returns; the regex engine's
per-token search, the running lengths and the zip were ~9 % of a whole build's instructions. The token
pattern is `[A-Za-z0-9][\\w'&.\\-]*[\\w&]|[A-Za-z0-9]|[,;:/()]`: a token starts at an ASCII letter or digit and
runs to the last `\\w` or `&` in the run of `\\w'&.-` after it, or is one separator. `\\w` is sre's on str:
a Unicode alphanumeric or `_`. tests/test_fast_paths_exact.py checks the two against each other.
"""

cdef extern from "Python.h":
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)


cdef inline bint _ascii_alnum(Py_UCS4 c):
    return (48 <= c <= 57) or (65 <= c <= 90) or (97 <= c <= 122)


cdef inline bint _word(Py_UCS4 c):
    return c == 95 or (c < 128 and _ascii_alnum(c)) or (c >= 128 and Py_UNICODE_ISALNUM(c))


def tokens(str text, Py_ssize_t start, Py_ssize_t end, lower_of):
    """(word, lower_of[word], start, end, index) for each token of text[start:end]."""
    cdef list out = []
    cdef Py_ssize_t n = min(end, len(text))
    cdef Py_ssize_t p = max(start, 0)
    cdef Py_ssize_t q, stop, k = 0
    cdef Py_UCS4 c
    cdef str word
    while p < n:
        c = text[p]
        if _ascii_alnum(c):
            stop = p + 1
            q = p + 1
            while q < n:
                c = text[q]
                if _word(c) or c == 38:  # 38 '&': may end a token
                    q += 1
                    stop = q
                elif c == 39 or c == 46 or c == 45:  # ' . -: only inside one
                    q += 1
                else:
                    break
        elif c == 44 or c == 59 or c == 58 or c == 47 or c == 40 or c == 41:  # , ; : / ( )
            stop = p + 1
        else:
            p += 1
            continue
        word = text[p:stop]
        out.append((word, lower_of[word], p, stop, k))
        k += 1
        p = stop
    return out
