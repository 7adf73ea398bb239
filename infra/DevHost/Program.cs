Console.WriteLine("Automation.DevHost: not built yet.");
