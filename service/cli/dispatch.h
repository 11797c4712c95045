/* dispatch.h: runs one pxebridge.exe command line: the options before the command, the
 * noun and verb (with "did you mean" for a mistyped one), help at every level, then the
 * command with its parsed options. */
#ifndef PXB_CLI_DISPATCH_H
#define PXB_CLI_DISPATCH_H

/* argv[0] is the program; every argument is UTF-8. Returns the exit code (enum cli_exit). */
int cli_dispatch(int argc, char **argv);

#endif
