using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DynamicClinic.Web.Infrastructure.Mvc;

/// <summary>
/// Runs the FluentValidation validator of each bound action argument and puts its failures into
/// ModelState, so the action shows the form again with messages beside the fields. Explicit and
/// asynchronous, as FluentValidation recommends instead of its old automatic MVC integration.
/// </summary>
public sealed class FluentValidationFilter(IServiceProvider services) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        foreach (var parameter in context.ActionDescriptor.Parameters)
        {
            if (!context.ActionArguments.TryGetValue(parameter.Name, out var argument) || argument is null)
            {
                continue;
            }

            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (services.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var error in result.Errors)
            {
                // Keys match the form fields' names, so the tag helpers show each message beside its field.
                var key = string.IsNullOrEmpty(parameter.BindingInfo?.BinderModelName) ? error.PropertyName : $"{parameter.BindingInfo.BinderModelName}.{error.PropertyName}";
                context.ModelState.AddModelError(key, error.ErrorMessage);
            }
        }

        await next();
    }
}
