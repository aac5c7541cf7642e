// Folder CLibGit2: the C header and module map over libgit2.

#define GIT_DEPRECATE_HARD
#include <git2.h>
