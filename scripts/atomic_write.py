"""Crash-safe output files for the scripts (standard library only).

Like stzkmc's AtomicFile (include/stz/io/atomic_file.hpp): a file is written under a
temporary name in its own folder, `.NAME.tmp.<pid>`, and renamed over NAME with
os.replace() only once it is complete. A script that is killed, or whose disk fills up,
leaves the previous NAME (or none) and never a truncated file that looks complete; on an
error the temporary is removed. rename() within one folder is atomic on POSIX.

    with atomic_write.open_atomic(path) as f:     # text; mode="wb" for bytes
        f.write(text)
    atomic_write.save_figure(fig, path, dpi=120)  # matplotlib Figure.savefig
    atomic_write.write_text_or_stdout(path_or_None, text)  # a script's --out
"""
import contextlib
import os
import sys


def temporary_name(path):
    """The temporary sibling of `path`: the same folder, `.NAME.tmp.<pid>`."""
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, f".{name}.tmp.{os.getpid()}")


@contextlib.contextmanager
def open_atomic(path, mode="w", **kwargs):
    """open() on the temporary name; renamed over `path` when the block ends normally,
    removed when it raises. Data are flushed and fsynced before the rename."""
    if "w" not in mode:
        raise ValueError(f"open_atomic: expected a write mode, got {mode!r}")
    tmp = temporary_name(path)
    try:
        with open(tmp, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(tmp)
        raise


def save_figure(fig, path, **kwargs):
    """fig.savefig(path, **kwargs) through a temporary name. The format comes from the
    extension of `path` (the temporary's name does not end in it) unless given."""
    fmt = kwargs.pop("format", None) or os.path.splitext(os.fspath(path))[1].lstrip(".") or None
    with open_atomic(path, "wb") as f:
        fig.savefig(f, format=fmt, **kwargs)


def write_text_or_stdout(path, text):
    """`text` to the file `path` through a temporary name, or to stdout if `path` is None
    (a script's --out option)."""
    if path:
        with open_atomic(path) as f:
            f.write(text)
    else:
        sys.stdout.write(text)
