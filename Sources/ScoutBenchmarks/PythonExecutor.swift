/// The guide's executor in Python (asyncio), the peer of the in-process workloads: conditions
/// resolved from `${...}`, the runner awaited, results stored, events emitted; sequential, or
/// parallel with a semaphore bounding how many tasks run at once.
///
/// `python3 executor.py N sequential|parallel [MAX]` runs N tasks and prints the seconds
/// `executor.run` took (the tasks are built before), for the library rows; the whole
/// process's time is the peer of the script rows.
enum PythonExecutor {
    static let source = #"""
import asyncio, contextlib, re, sys, time

class BatchContext:
    def __init__(self, initial_vars=None):
        self.vars = dict(initial_vars or {})
        self.lock = asyncio.Lock()
    def set_var(self, name, value):
        self.vars[name] = value
    def get_var(self, path):
        value = self.vars
        for part in path.split("."):
            if isinstance(value, dict) and part in value:
                value = value[part]
            else:
                return None
        return value

VAR = re.compile(r"\$\{([^}]+)\}")

class PipelineExecutor:
    def __init__(self, context, task_runner, max_concurrency=8):
        self.context, self.task_runner, self.events = context, task_runner, []
        self.max_concurrency = max_concurrency
    def resolve(self, expr):
        m = VAR.fullmatch(expr.strip())
        return self.context.get_var(m.group(1)) if m else expr
    def emit(self, task_id, status, message):
        self.events.append((task_id, status, message, time.time()))
    async def run_task(self, i, task, semaphore):
        if "if" in task and not self.resolve(task["if"]):
            self.emit(f"task:{i}:{task['command']}", "SKIPPED", "skipped")
            return {"status": "skipped"}
        async with (semaphore or contextlib.nullcontext()):
            self.emit(f"task:{i}:{task['command']}", "RUNNING", "running")
            result = await self.task_runner(task, semaphore, i)
        if task.get("store_as"):
            self.context.set_var(task["store_as"], result)
        self.emit(f"task:{i}:{task['command']}", "SUCCESS", "done")
        return result
    async def run(self, tasks, mode="sequential"):
        self.emit("batch:start", "RUNNING", "start")
        if mode == "parallel":
            semaphore = asyncio.Semaphore(self.max_concurrency)
            results = await asyncio.gather(*(self.run_task(i, t, semaphore) for i, t in enumerate(tasks)))
        else:
            results = [await self.run_task(i, t, None) for i, t in enumerate(tasks)]
        self.emit("batch:complete", "COMPLETE", "done")
        return results

async def main(n, mode, max_concurrency):
    context = BatchContext({"yes": True})
    async def runner(task, semaphore, index):
        return {"status": "success", "output": None}
    executor = PipelineExecutor(context, runner, max_concurrency)
    tasks = [{"command": "noop", "if": "${yes}", "store_as": f"r{i % 1000}"} for i in range(n)]
    start = time.perf_counter()
    await executor.run(tasks, mode)
    print(time.perf_counter() - start)

asyncio.run(main(int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "sequential", int(sys.argv[3]) if len(sys.argv) > 3 else 8))
"""#
}
