// Preloaded (`node --import`) by the crash run's last restart of web mode: the desk's clock
// reads COMPTOIR_CLOCK_OFFSET_MS later than the machine's, as if the desk were restarted that
// much later. The 15-minute "not found" rule can then turn a request that never reached the
// gateway from `unknown` into `error` without the run waiting a quarter of an hour.
const offset = Number(process.env.COMPTOIR_CLOCK_OFFSET_MS ?? '0');
if (Number.isFinite(offset) && offset !== 0) {
  const machineNow = Date.now.bind(Date);
  Date.now = () => machineNow() + offset;
}
