#!/usr/bin/env python3
"""Reads the AscendCL surface out of a set of headers with clang, to keep aclsim honest.

  api_surface.py functions INCLUDE_DIR          every public function: header|name|return|params
  api_surface.py check-table INCLUDE_DIR TABLE  the API table lists exactly the headers' functions
  api_surface.py compare OURS_DIR CANN_DIR      how much of CANN's published surface ours matches
                                                (run locally against CANN's headers; never commit them)
  api_surface.py pins INCLUDE_DIR               C++ static_asserts pinning every constant and struct size

Needs clang (the Debian package `clang`).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HEADERS = [
    "acl/acl.h", "acl/acl_base.h", "acl/acl_rt.h", "acl/acl_mdl.h", "acl/acl_op.h",
    "acl/acl_op_compiler.h", "acl/acl_prof.h", "acl/ops/acl_cblas.h", "acl/ops/acl_dvpp.h",
    "acl/error_codes/rt_error_codes.h", "acl/error_codes/ge_error_codes.h",
]
CLANG = os.environ.get("CLANG", "clang")


def all_headers_source():
    return "".join(f'#include "{h}"\n' for h in HEADERS)


def ast(include_dir):
    out = subprocess.run(
        [CLANG, "-x", "c++", "-std=c++17", "-fsyntax-only", "-DENABLE_DVPP_INTERFACE",
         "-Xclang", "-ast-dump=json", "-I", include_dir, "-"],
        input=all_headers_source(), capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def header_of(path, include_dir):
    rel = os.path.relpath(os.path.realpath(path), os.path.realpath(include_dir))
    return rel if rel in HEADERS else None


def walk_decls(node, include_dir):
    """Yields (header, node) for declarations in document order, tracking clang's elided file."""
    state = {"file": None}

    def visit(obj, decl_sink):
        if isinstance(obj, dict):
            if "file" in obj and isinstance(obj["file"], str):
                state["file"] = obj["file"]
            # A macro-expanded location names where it was spelled and where it was expanded:
            # the declaration belongs to the expansion's file.
            if "expansionLoc" in obj:
                visit(obj["spellingLoc"], None) if "spellingLoc" in obj else None
                visit(obj["expansionLoc"], None)
                return
            kind = obj.get("kind")
            # Resolve this node's own location before looking at children.
            for key in ("loc", "range"):
                if key in obj:
                    visit(obj[key], None)
            if kind is not None and decl_sink is not None:
                decl_sink.append((state["file"], obj))
            for key, value in obj.items():
                if key in ("loc", "range", "includedFrom"):
                    continue
                visit(value, decl_sink if key == "inner" and kind in ("TranslationUnitDecl", "LinkageSpecDecl") else None)
        elif isinstance(obj, list):
            for item in obj:
                visit(item, decl_sink)

    decls = []
    visit(node, decls)
    for file, decl in decls:
        if file is None:
            continue
        header = header_of(file, include_dir)
        if header:
            yield header, decl


def split_function_type(qual):
    """'aclError (aclrtStream, void *)' -> ('aclError', '(aclrtStream, void *)')."""
    depth = 0
    for i in range(len(qual) - 1, -1, -1):
        if qual[i] == ")":
            depth += 1
        elif qual[i] == "(":
            depth -= 1
            if depth == 0:
                return qual[:i].strip(), qual[i:]
    raise ValueError(qual)


def functions(include_dir):
    seen = {}
    for header, decl in walk_decls(ast(include_dir), include_dir):
        if decl.get("kind") != "FunctionDecl" or decl.get("isImplicit"):
            continue
        name = decl["name"]
        if name in seen:
            continue
        ret, params = split_function_type(decl["type"]["qualType"])
        seen[name] = (header, name, ret, params)
    return list(seen.values())


def canonical_functions(include_dir):
    """name -> canonical (typedef-free) function type, for comparing with another header set."""
    result = {}
    for header, decl in walk_decls(ast(include_dir), include_dir):
        if decl.get("kind") == "FunctionDecl" and not decl.get("isImplicit"):
            t = decl["type"]
            result.setdefault(decl["name"], (header, t.get("desugaredQualType", t["qualType"])))
    return result


TABLE_ENTRY = re.compile(r"^ACLSIM_API\(\s*(\w+)\s*,\s*(\w+)\s*,", re.M)


def check_table(include_dir, table):
    declared = {f[1] for f in functions(include_dir)}
    text = open(table).read()
    listed = TABLE_ENTRY.findall(text)
    names = [n for n, _ in listed]
    problems = []
    dupes = {n for n in names if names.count(n) > 1}
    problems += [f"listed twice in the table: {n}" for n in sorted(dupes)]
    problems += [f"declared in the headers but missing from the table: {n}" for n in sorted(declared - set(names))]
    problems += [f"in the table but declared in no header: {n}" for n in sorted(set(names) - declared)]
    for p in problems:
        print(p)
    print(f"{len(declared)} functions declared, {len(set(names))} in the table, {len(problems)} problems")
    return 1 if problems else 0


def constants(include_dir):
    """name -> value for enum constants, static const integers and integer-like macros."""
    enums, variables = [], []
    for header, decl in walk_decls(ast(include_dir), include_dir):
        if decl.get("kind") == "EnumDecl":
            for c in decl.get("inner", []):
                if c.get("kind") == "EnumConstantDecl":
                    enums.append(c["name"])
        elif decl.get("kind") == "VarDecl":
            variables.append((decl["name"], decl["type"]["qualType"]))
    macros = macro_constants(include_dir)
    names = enums + [v for v, _ in variables] + list(macros)
    values = evaluate(include_dir, names)
    types = {v: t for v, t in variables}
    return {n: (values[n], types.get(n, "enum" if n in enums else "macro")) for n in names if n in values}


def macro_constants(include_dir):
    out = subprocess.run([CLANG, "-x", "c++", "-E", "-dM", "-DENABLE_DVPP_INTERFACE", "-I", include_dir, "-"],
                         input=all_headers_source(), capture_output=True, text=True, check=True).stdout
    builtin = subprocess.run([CLANG, "-x", "c++", "-E", "-dM", "-"], input="", capture_output=True,
                             text=True, check=True).stdout
    builtin_names = {l.split()[1].split("(")[0] for l in builtin.splitlines() if l.startswith("#define")}
    result = {}
    for line in out.splitlines():
        parts = line.split(None, 2)
        if (len(parts) < 3 or parts[0] != "#define" or "(" in parts[1] or parts[1] in builtin_names
                or parts[1] == "ENABLE_DVPP_INTERFACE"):  # our own -D, not a header constant
            continue
        if re.fullmatch(r"\(?-?(0x[0-9A-Fa-f]+|\d+)[uUlL]*\)?", parts[2].strip()):
            result[parts[1]] = parts[2]
    return result


def evaluate(include_dir, names):
    """Compiles a program printing each name's value (as a signed 64-bit view of its bits)."""
    body = "".join(f'  std::printf("%s %lld\\n", "{n}", (long long)({n}));\n' for n in names)
    src = all_headers_source() + "#include <cstdio>\nint main() {\n" + body + "}\n"
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "values")
        subprocess.run(["c++", "-std=c++17", "-w", "-DENABLE_DVPP_INTERFACE", "-I", include_dir, "-x", "c++", "-",
                        "-o", exe], input=src, text=True, check=True)
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    return {l.split()[0]: int(l.split()[1]) for l in out.splitlines()}


def structs(include_dir):
    """name -> (size, alignment) of every complete struct, named directly or through a typedef."""
    names = []
    for header, decl in walk_decls(ast(include_dir), include_dir):
        if decl.get("kind") == "RecordDecl" and decl.get("completeDefinition") and decl.get("name"):
            names.append("struct " + decl["name"])
        elif decl.get("kind") == "TypedefDecl":
            names.append(decl["name"])
    probe = """#include <cstdio>
#include <type_traits>
template <class T, class = void> struct Layout { static constexpr long size = -1, align = -1; };
template <class T> struct Layout<T, std::void_t<decltype(sizeof(T))>> {
  static constexpr long size = std::is_class_v<T> ? (long)sizeof(T) : -1;
  static constexpr long align = std::is_class_v<T> ? (long)alignof(T) : -1;
};
int main() {
"""
    body = "".join(f'  std::printf("%s|%ld|%ld\\n", "{n}", Layout<{n}>::size, Layout<{n}>::align);\n'
                   for n in dict.fromkeys(names))
    src = all_headers_source() + probe + body + "}\n"
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "sizes")
        subprocess.run(["c++", "-std=c++17", "-w", "-DENABLE_DVPP_INTERFACE", "-I", include_dir, "-x", "c++", "-",
                        "-o", exe], input=src, text=True, check=True)
        out = subprocess.run([exe], capture_output=True, text=True, check=True).stdout
    result = {}
    for line in out.splitlines():
        name, size, align = line.split("|")
        if int(size) > 0:
            result[name] = (int(size), int(align))
    return result


def compare(ours, cann):
    ok = True
    f_ours, f_cann = canonical_functions(ours), canonical_functions(cann)
    same = [n for n in f_cann if n in f_ours and f_ours[n][1] == f_cann[n][1]]
    print(f"functions: {len(same)}/{len(f_cann)} of CANN's declared with identical canonical signatures"
          f" ({100.0 * len(same) / max(1, len(f_cann)):.1f}%)")
    for n in sorted(set(f_cann) - set(same)):
        print(f"  differs or missing: {n}: CANN {f_cann[n][1]!r} ours {f_ours.get(n, (None, None))[1]!r}")
    c_ours, c_cann = constants(ours), constants(cann)
    c_same = [n for n in c_cann if c_ours.get(n) == c_cann[n]]
    print(f"constants: {len(c_same)}/{len(c_cann)} with the same value and kind")
    for n in sorted(set(c_cann) - set(c_same)):
        print(f"  differs or missing: {n}: CANN {c_cann[n]} ours {c_ours.get(n)}")
        ok = False
    s_ours, s_cann = structs(ours), structs(cann)
    s_same = [n for n in s_cann if s_ours.get(n) == s_cann[n]]
    print(f"structs: {len(s_same)}/{len(s_cann)} with the same size and alignment")
    for n in sorted(set(s_cann) - set(s_same)):
        print(f"  differs or missing: {n}: CANN {s_cann[n]} ours {s_ours.get(n)}")
        ok = False
    return 0 if ok and len(same) >= 0.95 * len(f_cann) else 1


def pins(include_dir):
    lines = ["// Generated by tests/abi/api_surface.py pins: every constant and public struct size of the",
             "// AscendCL headers as CANN publishes them. A change to a value fails the build.",
             "#define ENABLE_DVPP_INTERFACE", ""]
    lines += [f'#include "{h}"' for h in HEADERS]
    lines += ["", "#include <cstdint>", ""]
    for name, (value, kind) in sorted(constants(include_dir).items()):
        lines.append(f"static_assert(static_cast<long long>({name}) == {value}LL, \"{name}\");")
    lines.append("")
    for name, (size, align) in sorted(structs(include_dir).items()):
        lines.append(f"static_assert(sizeof({name}) == {size} && alignof({name}) == {align}, \"{name}\");")
    print("\n".join(lines))
    return 0


def main(argv):
    if len(argv) >= 3 and argv[1] == "functions":
        for f in functions(argv[2]):
            print("|".join(f))
        return 0
    if len(argv) == 4 and argv[1] == "check-table":
        return check_table(argv[2], argv[3])
    if len(argv) == 4 and argv[1] == "compare":
        return compare(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "pins":
        return pins(argv[2])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
