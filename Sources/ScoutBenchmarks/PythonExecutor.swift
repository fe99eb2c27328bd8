/// The guide's executor in Python (asyncio), the peer of the in-process workload: conditions
/// resolved from `${...}`, the runner awaited, results stored, events emitted.
enum PythonExecutor {
    static let source = #"""
import asyncio, re, sys, time

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
    def __init__(self, context, task_runner):
        self.context, self.task_runner, self.events = context, task_runner, []
    def resolve(self, expr):
        m = VAR.fullmatch(expr.strip())
        return self.context.get_var(m.group(1)) if m else expr
    def emit(self, task_id, status, message):
        self.events.append((task_id, status, message, time.time()))
    async def run(self, tasks, mode="sequential"):
        self.emit("batch:start", "RUNNING", "start")
        results = []
        for i, task in enumerate(tasks):
            if "if" in task and not self.resolve(task["if"]):
                self.emit(f"task:{i}:{task['command']}", "SKIPPED", "skipped")
                results.append({"status": "skipped"})
                continue
            self.emit(f"task:{i}:{task['command']}", "RUNNING", "running")
            result = await self.task_runner(task, None, i)
            if task.get("store_as"):
                self.context.set_var(task["store_as"], result)
            self.emit(f"task:{i}:{task['command']}", "SUCCESS", "done")
            results.append(result)
        self.emit("batch:complete", "COMPLETE", "done")
        return results

async def main(n):
    context = BatchContext({"yes": True})
    async def runner(task, semaphore, index):
        return {"status": "success", "output": None}
    executor = PipelineExecutor(context, runner)
    tasks = [{"command": "noop", "if": "${yes}", "store_as": f"r{i % 1000}"} for i in range(n)]
    await executor.run(tasks)

asyncio.run(main(int(sys.argv[1])))
"""#
}
