/* program_path.c: paths beside pxebridge.exe (see program_path.h). */
#include "program_path.h"

#include <windows.h>

int cli_beside_program(const wchar_t *name, wchar_t *out)
{
    DWORD len = GetModuleFileNameW(NULL, out, MAX_PATH + 1);
    if (len == 0 || len > MAX_PATH)
        return -1;
    wchar_t *slash = wcsrchr(out, L'\\');
    size_t dir_len = slash != NULL ? (size_t)(slash - out) + 1 : 0;
    if (dir_len + wcslen(name) > MAX_PATH)
        return -1;
    wcscpy(out + dir_len, name);
    return 0;
}
