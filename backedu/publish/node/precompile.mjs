// Precompile pure-Python wheels to .pyc for the browser's Python, inside that same Python.
//
// The site's Python is Pyodide's CPython 3.13; the build machine may have another version, whose
// .pyc files the browser would reject. So the compiling runs in Pyodide under Node, from the npm
// package the site ships. Each .py becomes a sourceless .pyc in its place (as Pyodide's own
// wheels do): the browser then skips compiling every module at each page load.
//
// node backedu/publish/node/precompile.mjs PYODIDE_DIR OUT_DIR WHEEL...
import { loadPyodide } from "./pyodide-loader.mjs";
import path from "node:path";

const [pyodideDir, outDir, ...wheels] = process.argv.slice(2);
if (!pyodideDir || !outDir || wheels.length === 0) {
  console.error("usage: node precompile.mjs PYODIDE_DIR OUT_DIR WHEEL...");
  process.exit(2);
}
const pyodide = await loadPyodide(pyodideDir);
const { FS } = pyodide;
FS.mkdirTree("/out");
FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.resolve(outDir) }, "/out");
const inputs = [];
for (const [i, wheel] of wheels.entries()) {
  const dir = `/in${i}`;
  FS.mkdirTree(dir);
  FS.mount(pyodide.FS.filesystems.NODEFS, { root: path.dirname(path.resolve(wheel)) }, dir);
  inputs.push(`${dir}/${path.basename(wheel)}`);
}
pyodide.globals.set("inputs", pyodide.toPy(inputs));
pyodide.runPython(`
import io, py_compile, zipfile, os, tempfile

def compile_wheel(src, dst):
    kept = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst + ".part", "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            name = info.filename
            if name.endswith(".py") and ".dist-info/" not in name:
                try:
                    code = compile(data, name, "exec", dont_inherit=True)
                except SyntaxError:
                    kept += 1  # not importable code (templates, py2 examples): ship as it is
                else:
                    import importlib._bootstrap_external as ext
                    data = bytes(ext._code_to_hash_pyc(code, b"\\0" * 8, checked=False))
                    name = name + "c"
            zout.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), data,
                          compress_type=zipfile.ZIP_DEFLATED)
    os.replace(dst + ".part", dst)
    return kept

for src in inputs:
    dst = "/out/" + os.path.basename(src)
    kept = compile_wheel(src, dst)
    print(f"precompiled {os.path.basename(src)}" + (f" ({kept} files kept as source)" if kept else ""))
`);
