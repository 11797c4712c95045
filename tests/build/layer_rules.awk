# layer_rules.awk: the rules of layer_check.sh over the #include "..." lines of the files
# given (paths relative to the tree's root, in layer folders). Variables: layers (lines of
# "rank folder platform"), generated (lines of "header folder" for headers the build makes),
# edges (1: print the include graph as "from to" node pairs for tsort instead of checking).
# Prints one "file:line: what" per broken rule.

function folder_of(path) {
    sub(/\/[^\/]*$/, "", path)
    return path
}

function node_of(path) {
    sub(/\.[ch]$/, "", path)
    return path
}

# May a file of folder from include a header of folder to?
function may_include(from, to) {
    if (from == to)
        return 1
    if (rank[to] >= rank[from])
        return 0
    return platform[to] == "any" || platform[to] == platform[from]
}

function why_not(from, to) {
    if (rank[to] > rank[from])
        return "points up from " from " to " to
    if (rank[to] == rank[from])
        return "points sideways from " from " to " to
    return "brings " platform[to] "-only " to " into " (platform[from] == "any" ? "portable" : platform[from]) " code of " from
}

BEGIN {
    n = split(layers, line, "\n")
    for (i = 1; i <= n; i++)
        if (split(line[i], f, " ") == 3) {
            rank[f[2]] = f[1] + 0
            platform[f[2]] = f[3]
        }
    n = split(generated, line, "\n")
    for (i = 1; i <= n; i++)
        if (split(line[i], f, " ") == 2)
            made_for[f[1]] = f[2]
    for (i = 1; i < ARGC; i++) {
        name = ARGV[i]
        sub(/.*\//, "", name)
        if (ARGV[i] !~ /\.h$/)
            continue
        if (name in home && !edges)
            printf "%s: header name also in %s: an include of it is ambiguous\n", ARGV[i], home[name]
        home[name] = folder_of(ARGV[i])
        where[name] = ARGV[i]
    }
}

/^[ \t]*#[ \t]*include[ \t]*"/ {
    name = $0
    sub(/^[^"]*"/, "", name)
    sub(/".*$/, "", name)
    from = folder_of(FILENAME)
    if (name in home) {
        if (edges)
            print node_of(FILENAME), node_of(where[name])
        else if (!may_include(from, home[name]))
            printf "%s:%d: #include \"%s\" %s\n", FILENAME, FNR, name, why_not(from, home[name])
    } else if (name in made_for) {
        if (!edges && made_for[name] != from)
            printf "%s:%d: #include \"%s\": a generated header for %s only\n", FILENAME, FNR,
                   name, made_for[name]
    } else if (!edges) {
        printf "%s:%d: #include \"%s\": no layer folder holds it\n", FILENAME, FNR, name
    }
}
