using Automation.Functions.Hosting;

AutomationApp.Build(args).Run();
