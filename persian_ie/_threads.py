"""One BLAS thread while the library computes.

The tagger's matrices are small: numpy's BLAS (OpenBLAS) gains nothing from its own
threads on them, and when several worker processes each start one thread per core
the machine is oversubscribed (two processes ran ~7x slower than one). The pipeline
therefore runs its stages inside :func:`single_blas_thread`, in the main process and
in every worker, through threadpoolctl; the caller's own setting is restored when the
last concurrent user leaves, so numpy code outside the library keeps its threads.

>>> with single_blas_thread():
...     pass
"""

from __future__ import annotations

import sys
import threading
import warnings
from contextlib import contextmanager
from typing import Any, Iterator, Optional

__all__ = ["single_blas_thread"]

_lock = threading.Lock()
_controller: Any = None  # threadpoolctl.ThreadpoolController, or False when unavailable
_users = 0
_limiter: Optional[Any] = None


_seen_modules = -1  # len(sys.modules) when the controller last looked at the loaded libraries


def _get_controller() -> Any:
    """threadpoolctl's view of the loaded thread pools, looked at again whenever modules
    were imported since (an import such as torch may bring its own BLAS; ~0.3 ms)."""
    global _controller, _seen_modules
    if _controller is False:
        return False
    if _controller is None or len(sys.modules) != _seen_modules:
        try:
            import numpy  # noqa: F401 - load numpy's BLAS before the controller looks for it
            from threadpoolctl import ThreadpoolController

            _controller = ThreadpoolController()
        except ImportError:
            # a core dependency missing (an environment made before it was one): say so once,
            # since BLAS then starts a thread per core in every process
            warnings.warn(
                "persian_ie: threadpoolctl is not installed, so BLAS threads are not limited to one; "
                "worker processes (n_process > 1) will oversubscribe the CPUs. "
                "Reinstall persian-ie to get its dependencies.",
                RuntimeWarning,
                stacklevel=4,
            )
            _controller = False
        except Exception:  # noqa: BLE001 - an exotic BLAS: leave threads alone
            _controller = False
        _seen_modules = len(sys.modules)
    return _controller


@contextmanager
def single_blas_thread() -> Iterator[None]:
    """Limit BLAS to one thread inside the block (re-entrant and thread-safe)."""
    global _users, _limiter
    with _lock:
        if _users == 0:
            controller = _get_controller()
            if controller:
                try:
                    _limiter = controller.limit(limits=1, user_api="blas")
                except Exception:  # noqa: BLE001
                    _limiter = None
        _users += 1
    try:
        yield
    finally:
        with _lock:
            _users -= 1
            if _users == 0 and _limiter is not None:
                try:
                    _limiter.restore_original_limits()
                finally:
                    _limiter = None
