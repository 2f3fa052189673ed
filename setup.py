"""Compiled twins of the hot modules (orgkg/native.py says why, and how a twin is found); the rest of the
package is declared in pyproject.toml. Without Cython or a working C compiler the install goes on as pure
Python, which gives the same results, slower."""

from __future__ import annotations

import importlib.util
import os
import sysconfig
import tomllib
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def _native_module():
    """orgkg/native.py, loaded by path: the package's dependencies are not installed while it is being built."""
    spec = importlib.util.spec_from_file_location("_orgkg_native", ROOT / "orgkg" / "native.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


NATIVE = _native_module()
PACKAGE_DIRS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX")


def source_of(module: str) -> str:
    package, _, leaf = module.rpartition(".")
    pyx = f"{PACKAGE_DIRS[package]}/{leaf}.pyx"
    return pyx if (ROOT / pyx).exists() else f"{PACKAGE_DIRS[package]}/{leaf}.py"


def twin_path(module: str) -> str:
    """Where the compiled twin of `module` goes, relative to the directory holding the `orgkg` package."""
    return os.path.join("orgkg", "_native", NATIVE.compiled_file(module, (ROOT / source_of(module)).read_bytes(), SUFFIX))


class BuildTwins(build_ext):
    """build_ext that writes each twin under orgkg/_native/ with its source key in the name, never beside its
    `.py` (also for editable installs), and drops the twins of older sources there."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def build_extension(self, ext: Extension) -> None:
        """A twin that does not compile (no compiler, no headers) leaves its module as Python, whatever the
        compiler's failure is raised as (`optional` alone misses a failed compiler process)."""
        try:
            super().build_extension(ext)
        except Exception as e:  # noqa: BLE001 - any failure here must only cost speed
            print(f"orgkg: {ext.name} not compiled, it runs as Python ({type(e).__name__}: {e})")

    def get_ext_filename(self, fullname: str) -> str:
        return twin_path(fullname) if fullname in NATIVE.COMPILED else super().get_ext_filename(fullname)

    def get_ext_fullpath(self, ext_name: str) -> str:
        fullname = self.get_ext_fullname(ext_name)
        if fullname in NATIVE.COMPILED and not self.inplace:
            return os.path.join(self.build_lib, twin_path(fullname))
        return super().get_ext_fullpath(ext_name)

    def _get_inplace_equivalent(self, build_py, ext: Extension) -> tuple[str, str]:
        filename = self.get_ext_filename(self.get_ext_fullname(ext.name))
        inplace = os.path.join(build_py.get_package_dir("orgkg"), "_native", os.path.basename(filename))
        return inplace, os.path.join(self.build_lib, filename)

    def copy_extensions_to_source(self) -> None:
        """Editable installs: each twin that compiled goes to orgkg/_native/ in the source tree, where the
        twins of this module's older sources are dropped."""
        build_py = self.get_finalized_command("build_py")
        for ext in self.extensions:
            inplace, regular = self._get_inplace_equivalent(build_py, ext)
            if not os.path.exists(regular):
                continue  # not compiled: it runs as Python
            current = Path(inplace)
            current.parent.mkdir(parents=True, exist_ok=True)
            self.copy_file(regular, inplace, level=self.verbose)
            for old in current.parent.glob(f"{ext.name}-*{SUFFIX}"):
                if old != current:
                    old.unlink()


def extensions() -> list[Extension]:
    if NATIVE.pure_requested():
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("orgkg: Cython is not installed; installing pure Python")
        return []
    # -O2 without debug info: within 1 % of -O3's instruction count, and half the compile time of Python's
    # default -O3 -g (gcc is most of an install's time)
    exts = [Extension(m, [source_of(m)], optional=True, extra_compile_args=["-O2", "-g0"]) for m in NATIVE.COMPILED]
    # Python semantics kept whole: annotations are not read as C types (a dict subclass must still pass
    # where a hint says dict), so the twin behaves exactly as its source.
    directives = {"language_level": 3, "annotation_typing": False, "binding": False}
    return cythonize(exts, compiler_directives=directives, build_dir="build/cython", quiet=True,
                     nthreads=os.cpu_count() or 1)


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildTwins})
