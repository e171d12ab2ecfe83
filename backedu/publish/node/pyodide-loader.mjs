// Load the npm Pyodide that the site ships, for build-time work under Node (no network).
import path from "node:path";
import { pathToFileURL } from "node:url";

export async function loadPyodide(pyodideDir, options = {}) {
  const dir = path.resolve(pyodideDir);
  const module = await import(pathToFileURL(path.join(dir, "pyodide.mjs")).href);
  return module.loadPyodide({ indexURL: dir + path.sep, ...options });
}
