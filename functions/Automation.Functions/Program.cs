using Automation.Functions.Hosting;

return AutomationApp.Run(args);
