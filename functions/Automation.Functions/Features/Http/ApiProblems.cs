using Microsoft.AspNetCore.Http.HttpResults;

namespace Automation.Functions.Features.Http;

/// <summary>Every client mistake answers with application/problem+json naming the problem.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);

    public static ValidationProblem Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields.");

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult UnknownShop(string shopId) =>
        Status(StatusCodes.Status404NotFound, "Unknown shop", $"No shop '{shopId}' is configured.");
}
