/* sb_init.c: the init of the Secure Boot test's initramfs (tests/e2e/secureboot.sh): once
 * Debian's signed kernel has started it, it prints the marker the test waits for on the
 * console (the serial port, console=ttyS0) and powers the VM off. Static, no libc beyond
 * the system calls. */
#include <fcntl.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

#define MARKER "pxebridge-e2e: Debian's signed kernel runs the test initramfs\n"

int main(void)
{
    int fd = open("/dev/console", O_WRONLY);
    if (fd >= 0) {
        for (int i = 0; i < 3; i++)
            if (write(fd, MARKER, strlen(MARKER)) < 0)
                break;
        close(fd);
    }
    sync();
    reboot(RB_POWER_OFF);
    for (;;)
        pause();
}
