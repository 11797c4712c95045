/* pipe_line.c: the wine test's raw client of the service's status pipe
 * (tests/wine/cli_live.sh): `pipe_line.exe "PXB/9 status"` writes that line and a '\n' to
 * \\.\pipe\PxeBridge and prints the answer as it came, so the test can send what
 * pxebridge.exe never would (an unknown protocol version). Exit 0 when an answer came. */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define PIPE_NAME L"\\\\.\\pipe\\PxeBridge"
#define LINE_MAX_LEN 512

int wmain(int argc, wchar_t **argv);

int wmain(int argc, wchar_t **argv)
{
    char line[LINE_MAX_LEN], answer[65536];
    DWORD done, len = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: pipe_line.exe REQUEST-LINE\n");
        return 2;
    }
    int n = WideCharToMultiByte(CP_UTF8, 0, argv[1], -1, line, LINE_MAX_LEN - 1, NULL, NULL);
    if (n <= 0) {
        fprintf(stderr, "pipe_line: the request line is too long\n");
        return 2;
    }
    strcat(line, "\n");
    HANDLE pipe = CreateFileW(PIPE_NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                              0, NULL);
    if (pipe == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "pipe_line: cannot open the pipe (error %lu)\n", GetLastError());
        return 1;
    }
    if (!WriteFile(pipe, line, (DWORD)strlen(line), &done, NULL)) {
        fprintf(stderr, "pipe_line: cannot write the request (error %lu)\n", GetLastError());
        CloseHandle(pipe);
        return 1;
    }
    while (len < sizeof answer - 1 && ReadFile(pipe, answer + len, sizeof answer - 1 - len, &done,
                                                NULL) && done > 0)
        len += done;
    CloseHandle(pipe);
    answer[len] = '\0';
    fputs(answer, stdout);
    return len > 0 ? 0 : 1;
}
