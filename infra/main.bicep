// Azure resources for the shop after-sale automation function app: a Flex Consumption app (.NET isolated worker),
// its storage account (tables, queues, host state and the deployment package, all reached with a managed identity;
// shared keys are off) and Application Insights.
//
// Subscription scope, as azd templates are: this file creates the resource group, and resources.bicep fills it.
//   azd up                                   (reads main.parameters.json; azure.yaml at the repository root)
//   az deployment sub create -l <region> -f infra/main.bicep -p environmentName=<name> location=<region>
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment (azd: AZURE_ENV_NAME). Resource names and tags derive from it.')
param environmentName string

@minLength(1)
@description('Region of every resource. It must offer Flex Consumption: az functionapp list-flexconsumption-locations.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Resource group to create or reuse. Default: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Function app name (global DNS name). Default: func-<token>, unique per subscription, environment and region.')
param functionAppName string = ''

@description('NCRONTAB schedule (UTC) of PaymentReminderSweep, the due-message sweep.')
param paymentReminderSchedule string = '0 */1 * * * *'

@description('NCRONTAB schedule of the morning sweep timer (each shop sweeps once a day at its own local hour).')
param morningSweepSchedule string = '0 */15 * * * *'

// The ceiling on instances protects the shops' endpoints and the storage account (2,000 entities/s per partition,
// 20,000 requests/s per account) more than it limits compute: one DeliverMessage instance already works on up to
// 24 messages at once (host.json: batchSize 16 + newBatchThreshold 8), and all Flex apps of a subscription share
// one regional quota (250 cores by default). Raise it with a measured peak, not before.
@minValue(1)
@maxValue(1000)
@description('Most instances the app may scale out to.')
param maximumInstanceCount int = 40

// 2,048 MB comes with one core. At 512 MB (a quarter core) the host and the .NET worker start noticeably slower,
// and Flex gives an app 30 s to initialise.
@allowed([512, 2048, 4096])
@description('Memory of each instance, in MB.')
param instanceMemoryMB int = 2048

var tags = { 'azd-env-name': environmentName }
// One token per subscription, environment and region keeps globally unique names (storage, site) stable across runs.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: rg
  params: {
    location: location
    tags: tags
    resourceToken: resourceToken
    functionAppName: !empty(functionAppName) ? functionAppName : 'func-${resourceToken}'
    paymentReminderSchedule: paymentReminderSchedule
    morningSweepSchedule: morningSweepSchedule
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

// azd stores these in the environment's .env; AZURE_RESOURCE_GROUP tells it where to find the app to deploy to.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = resources.outputs.functionAppName
output SERVICE_API_NAME string = resources.outputs.functionAppName
output SERVICE_API_URI string = 'https://${resources.outputs.functionAppHostName}/api'
output AZURE_STORAGE_ACCOUNT_NAME string = resources.outputs.storageAccountName
output AZURE_FUNCTION_IDENTITY_CLIENT_ID string = resources.outputs.identityClientId
output APPLICATIONINSIGHTS_NAME string = resources.outputs.applicationInsightsName
