/* test-maxrss PROG ARG...: runs PROG and prints its peak resident memory
 * in KB (getrusage's ru_maxrss of the child), whatever its exit status;
 * its output goes to /dev/null.  For a bound on memory in a test, not a
 * measurement: those are scripts/bench's. */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct rusage ru;
	pid_t pid;
	int status, fd;

	if (argc < 2) {
		fputs("usage: test-maxrss PROG [ARG ...]\n", stderr);
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("test-maxrss: fork");
		return 2;
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd, 1);
		execvp(argv[1], argv + 1);
		perror("test-maxrss: exec");
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("test-maxrss: wait4");
		return 2;
	}
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "test-maxrss: %s: killed by signal %d\n", argv[1],
		    WTERMSIG(status));
		return 2;
	}
	printf("%ld\n", ru.ru_maxrss);
	return 0;
}
