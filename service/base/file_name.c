/* file_name.c: the last component of a path or URL, and comparing two (file_name.h). */
#include "file_name.h"

#include "ascii_case.h"

const char *pxb_file_name(const char *path)
{
    const char *base = path;

    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    return base;
}

int pxb_same_file_name(const char *a, const char *b)
{
    return pxb_ascii_same(pxb_file_name(a), pxb_file_name(b));
}
