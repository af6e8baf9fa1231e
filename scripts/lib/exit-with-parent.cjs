// Preloaded into the app server (node --require): when the process that started it is gone (killed
// without a chance to stop us), stop as if told to, so no server is left running without supervision.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 1000).unref();
